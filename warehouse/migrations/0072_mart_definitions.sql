-- The digest of the mart definitions the views were last built from (their SQL and the suppression
-- threshold): a start that finds the same digest keeps the views instead of rebuilding all of them.
create table mart_definitions (
    digest varchar not null,
    built_at timestamp not null default current_timestamp
);
