-- The sign-in a stream ticket was issued to: the stream it opens ends when that sign-in ends.
alter table stream_ticket add column session_id varchar(36);
