package dev.tenantry.benchmark;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A figure against its goal, printed as a PASS or MISS line. Informational: a miss does not fail the run, since
 * one run on a shared machine is no verdict on the app.
 *
 * @param measured null when nothing was measured, which is a miss
 */
record Target(String key, String description, Double measured, String unit, boolean atLeast, double goal) {

    static Target atMost(String key, String description, Double measured, String unit, double goal) {
        return new Target(key, description, measured, unit, false, goal);
    }

    static Target atLeast(String key, String description, Double measured, String unit, double goal) {
        return new Target(key, description, measured, unit, true, goal);
    }

    boolean met() {
        return measured != null && (atLeast ? measured >= goal : measured < goal);
    }

    String line() {
        String shown = measured == null ? "nothing measured" : "measured " + format(measured) + unit;
        return (met() ? "PASS" : "MISS") + "  " + description + (atLeast ? " >= " : " < ") + format(goal) + unit
                + ", " + shown;
    }

    String json() {
        return Json.quote(key) + ":" + Json.quote(met() ? "PASS" : "MISS");
    }

    private static String format(double value) {
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return new BigDecimal(String.format(Locale.ROOT, "%.4g", value)).stripTrailingZeros().toPlainString();
    }
}
