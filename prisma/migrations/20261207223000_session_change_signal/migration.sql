-- Written by hand (Prisma's schema does not describe triggers): signals after commit that sessions or users changed,
-- so that every server process reads again the sessions it resolved from memory (SessionService): a sign-out, a
-- password change, a role change or a deleted user takes effect everywhere. The body's semicolons are octal escapes
-- (\073): Prisma's migration runner splits statements at every semicolon.
CREATE FUNCTION bootfleet_notify_table_change() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN PERFORM pg_notify(''bootfleet_table_changes'', TG_TABLE_NAME)\073 RETURN NULL\073 END';

CREATE TRIGGER sessions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION bootfleet_notify_table_change();

CREATE TRIGGER users_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION bootfleet_notify_table_change();
