-- Written by hand (Prisma's schema does not describe triggers): signals that the hosts' filterable columns changed,
-- so that fleet-list totals kept per filter are dropped. Two signals, since neither alone is enough:
--  - a counter (sequence) bumped inside the writing transaction: a reader that checks it after a write returned
--    never uses a total from before that write (read your writes).
--  - a notification delivered after commit: a total counted while the write was still uncommitted (the counter
--    already moved, the rows not yet visible) is dropped once the write is visible.
-- A refresh that changes nothing a filter reads (only last seen, next refresh and the like) signals nothing. The
-- columns are those the list's filters read (apps/server/src/modules/hosts/host-list-sql.ts), and
-- host-totals.int-spec.ts checks each of them.
CREATE SEQUENCE hosts_filter_changes;

-- PostgreSQL folds identical notifications of one transaction into one. The body's semicolons are octal escapes
-- (\073): Prisma's migration runner splits statements at every semicolon.
CREATE FUNCTION bootfleet_signal_table_change() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN PERFORM nextval(TG_ARGV[0]::regclass)\073 PERFORM pg_notify(''bootfleet_table_changes'', TG_TABLE_NAME)\073 RETURN NULL\073 END';

CREATE TRIGGER hosts_rows_added_or_removed AFTER INSERT OR DELETE OR TRUNCATE ON hosts
  FOR EACH STATEMENT EXECUTE FUNCTION bootfleet_signal_table_change('hosts_filter_changes');

CREATE TRIGGER hosts_filtered_columns_changed AFTER UPDATE ON hosts
  FOR EACH ROW WHEN (
    OLD.name IS DISTINCT FROM NEW.name
    OR OLD.address IS DISTINCT FROM NEW.address
    OR OLD.status IS DISTINCT FROM NEW.status
    OR OLD."group" IS DISTINCT FROM NEW."group"
    OR OLD.labels IS DISTINCT FROM NEW.labels
    OR OLD.image_id IS DISTINCT FROM NEW.image_id
    OR OLD.booted_version IS DISTINCT FROM NEW.booted_version
    OR OLD.booted_digest IS DISTINCT FROM NEW.booted_digest
    OR OLD.attention IS DISTINCT FROM NEW.attention
    OR OLD.update_available IS DISTINCT FROM NEW.update_available
  )
  EXECUTE FUNCTION bootfleet_signal_table_change('hosts_filter_changes');
