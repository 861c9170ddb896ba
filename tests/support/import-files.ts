import { readImportCsv } from "@/lib/services/import/read-csv";
import { applyImport } from "@/lib/services/import/run-import";
import { aCustomerWithPackage, type TestDb, type TestSubscription } from "./factories";

/**
 * What the import and export tests share: an old installation's password hash, a file as the import's
 * readers take an upload, and a subscription filled by an import.
 */

/** Another mail system's hash, as an import file brings it along (`doveadm pw -s SHA512-CRYPT -p 'Alte-Passphrase-7!'`). */
export const SHA512_HASH =
  "{SHA512-CRYPT}$6$wj1Y9CiyxdBcJnE2$QQMcKbX46.fttIWGLdhqeIptbgXdDWg7bvelJ7SDy7OhS3eP77.8.Xzm8NIimBxpCR2tCaabCieVpValtWdO..";

/** The text as an uploaded file's bytes, in one chunk (readImportCsv, readImportFile). */
export async function* oneChunk(text: string) {
  yield new TextEncoder().encode(text);
}

/**
 * A customer's subscription (a package of 10 mailboxes) whose domain an import filled: info@ (100 MB,
 * enabled) and aus@ (the package's quota, disabled), both with SHA512_HASH; a forward of info@ to
 * extern@example.net and the alias kontakt@ → info@, aus@.
 */
export async function anImportedSubscription(db: TestDb): Promise<TestSubscription> {
  const sub = await aCustomerWithPackage(db, { package: { maxMailboxes: 10 } });
  const d = sub.domain.name;
  const csv = [
    "type,address,password,quota_mb,enabled,targets",
    `mailbox,info@${d},${SHA512_HASH},100,yes,`,
    `mailbox,aus@${d},${SHA512_HASH},,no,`,
    `forward,info@${d},,,,extern@example.net`,
    `alias,kontakt@${d},,,,info@${d} aus@${d}`,
  ].join("\n");
  const read = await readImportCsv(oneChunk(csv));
  if (read.problems.length > 0) throw new Error(`import-files: the fixture's CSV has problems: ${JSON.stringify(read.problems)}`);
  const { report } = await applyImport(sub.customer.actor, sub.subscriptionId, read.rows, [], {}, db);
  if (report.problems.length > 0) throw new Error(`import-files: the fixture's import failed: ${JSON.stringify(report.problems)}`);
  return sub;
}
