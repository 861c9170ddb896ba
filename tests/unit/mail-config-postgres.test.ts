/**
 * The mail servers' configs on PostgreSQL (lib/mail/dovecot-config.ts, postfix-config.ts): the same
 * views through the pgsql drivers, `user` quoted where PostgreSQL reserves it, the password only in the
 * files meant for root, and nothing of a URL that could add a setting. The SQLite configs stay as they were.
 */
import { describe, expect, it } from "vitest";
import { renderDovecotConfig } from "@/lib/mail/dovecot-config";
import { parsePostgresUrl, postgresUrlSetting } from "@/lib/mail/mail-database";
import { renderPgbouncerConfig } from "@/lib/mail/pgbouncer-config";
import { renderPostfixConfig } from "@/lib/mail/postfix-config";

const URL = "postgres://kontor:0a1b2c3d4e5f@127.0.0.1:15432/kontor";
const dovecot = (databaseUrl?: string) =>
  renderDovecotConfig({ dbPath: "/srv/kontor/data/kontor.db", databaseUrl, dir: "/srv/kontor/data/dovecot" });
const postfix = (databaseUrl?: string) =>
  renderPostfixConfig({
    dbPath: "/srv/kontor/data/kontor.db",
    databaseUrl,
    dir: "/srv/kontor/data/postfix",
    relayhost: "[127.0.0.1]:10025",
  });

describe("Dovecot on PostgreSQL", () => {
  it("writes usage through a pgsql dict, and renders no dovecot-sql.conf.ext (nothing reads it there)", () => {
    const c = dovecot(URL);
    expect(c.sqlExt).toBeUndefined();
    expect(c.main).not.toContain("dovecot-sql.conf.ext");
    // Through the PgBouncer of Dovecot's folder, which keeps the dict's connections across a PostgreSQL restart.
    expect(c.dictExt).toContain(
      "connect = host=/srv/kontor/data/dovecot/pgbouncer port=5432 dbname=kontor user=kontor password=0a1b2c3d4e5f",
    );
    expect(c.main).toMatch(/kontor = pgsql:\/srv\/kontor\/data\/dovecot\/dovecot-dict-sql\.conf\.ext/);
    expect(c.main).not.toContain("kontor.db");
  });

  it("keeps the password out of the world-readable Lua passdb, which reads it from a root-only file", () => {
    const c = dovecot(URL);
    expect(c.pgPassword).toBe("0a1b2c3d4e5f");
    expect(c.luaPassdb).not.toContain("0a1b2c3d4e5f");
    expect(c.luaPassdb).toContain('DBI.Connect("PostgreSQL"');
    expect(c.luaPassdb).toContain('password_file = "/srv/kontor/data/dovecot/kontor-pg.password"');
    expect(c.luaPassdb).toContain(`FROM dovecot_passdb WHERE \\"user\\" = ? LIMIT 1`);
  });

  it("answers userdb lookups (LMTP, quota-status, doveadm) from the Lua file, whose connection survives a PostgreSQL restart", () => {
    const c = dovecot(URL);
    expect(c.main).toContain("userdb {\n  driver = lua\n  args = file=/srv/kontor/data/dovecot/kontor-passdb.lua blocking=yes\n}");
    expect(c.main).not.toContain("driver = sql");
    expect(c.luaPassdb).toContain("function auth_userdb_lookup(req)");
    expect(c.luaPassdb).toContain("function auth_userdb_iterate()");
    // On SQLite Dovecot's SQL userdb reads the file, as before.
    expect(dovecot().main).toContain("userdb {\n  driver = sql\n  args = /srv/kontor/data/dovecot/dovecot-sql.conf.ext\n}");
  });

  it("on SQLite: the sqlite driver and file, no PostgreSQL anywhere", () => {
    const c = dovecot();
    expect(c.sqlExt).toMatch(/^driver = sqlite$/m);
    expect(c.sqlExt).toContain("connect = /srv/kontor/data/kontor.db");
    expect(c.main).toContain("kontor = sqlite:");
    expect(c.luaPassdb).toContain("local PG = nil");
    expect(c.luaPassdb).toContain("FROM dovecot_passdb WHERE user = ? LIMIT 1");
    expect(c.pgPassword).toBeUndefined();
  });
});

describe("Postfix on PostgreSQL", () => {
  it("has pgsql lookup tables over the same views, through proxymap", () => {
    const c = postfix(URL);
    expect(Object.keys(c.tables).sort()).toEqual([
      "pgsql-catchall.cf",
      "pgsql-disabled.cf",
      "pgsql-domains.cf",
      "pgsql-recipients.cf",
      "pgsql-virtual.cf",
    ]);
    // The socket folder of Postfix's own PgBouncer, which holds lookups while PostgreSQL restarts.
    expect(c.tables["pgsql-recipients.cf"]).toMatch(/^hosts = unix:\/srv\/kontor\/data\/postfix\/pgbouncer$/m);
    expect(c.tables["pgsql-recipients.cf"]).toContain("query = SELECT address FROM postfix_recipients WHERE address = '%s'");
    expect(c.tables["pgsql-disabled.cf"]).toContain("result_format = 550 5.2.1 Mailbox disabled");
    expect(c.main).toContain("virtual_mailbox_maps = proxy:pgsql:/srv/kontor/data/postfix/conf/pgsql-recipients.cf");
    expect(c.main).not.toContain("sqlite");
  });

  it("on SQLite: the sqlite tables as before", () => {
    const c = postfix();
    expect(Object.keys(c.tables)).toContain("sqlite-recipients.cf");
    expect(c.tables["sqlite-recipients.cf"]).toContain("dbpath = /srv/kontor/data/kontor.db");
  });
});

describe("the mail servers' PgBouncer", () => {
  it("points at PostgreSQL, listens on a socket in the mail server's folder only, and lets queries wait out a restart", () => {
    const { ini, authFile } = renderPgbouncerConfig(parsePostgresUrl(URL), "/srv/kontor/data/postfix");
    expect(ini).toContain("kontor = host=127.0.0.1 port=15432 dbname=kontor");
    expect(ini).toMatch(/^listen_addr =$/m);
    expect(ini).toContain("unix_socket_dir = /srv/kontor/data/postfix/pgbouncer");
    expect(ini).toContain("pool_mode = transaction");
    expect(ini).toMatch(/^query_wait_timeout = \d+$/m);
    // The password only in the auth file, which the process module writes 0600.
    expect(ini).not.toContain("0a1b2c3d4e5f");
    expect(authFile).toBe('"kontor" "0a1b2c3d4e5f"\n');
  });

  it("refuses a folder whose socket path would not fit", () => {
    expect(() => renderPgbouncerConfig(parsePostgresUrl(URL), `/srv/${"x".repeat(90)}`)).toThrow(/shorter/);
  });
});

describe("the database URL", () => {
  it("refuses URLs whose parts could break out of a config file", () => {
    expect(() => parsePostgresUrl("postgres://kontor:pa%0Ass@127.0.0.1:5432/kontor")).toThrow(/password/);
    expect(() => parsePostgresUrl("postgres://kontor:pw@127.0.0.1:5432/kon tor")).toThrow(/database/);
    expect(() => parsePostgresUrl("postgres://:pw@127.0.0.1/kontor")).toThrow(/user/);
    expect(() => parsePostgresUrl("mysql://kontor:pw@127.0.0.1/kontor")).toThrow(/postgres/);
    expect(parsePostgresUrl("postgresql://k:p@db.internal/kontor")).toEqual({
      host: "db.internal",
      port: 5432,
      database: "kontor",
      user: "k",
      password: "p",
    });
  });

  it("follows --database-url, else a postgres:// KONTOR_DATABASE_URL, else none", () => {
    expect(postgresUrlSetting(undefined, {})).toBeUndefined();
    expect(postgresUrlSetting(undefined, { KONTOR_DATABASE_URL: "file:/x.db" })).toBeUndefined();
    expect(postgresUrlSetting(undefined, { KONTOR_DATABASE_URL: URL })).toBe(URL);
    expect(postgresUrlSetting(URL, {})).toBe(URL);
    expect(() => postgresUrlSetting("sqlite.db", {})).toThrow();
  });
});
