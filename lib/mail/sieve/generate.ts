import { sieveList, sieveString, sieveText } from "./escape";

export type SpamAction = "mark" | "junk" | "delete";

/** What the generator needs, already effective: package switches applied, addresses canonical. */
export type SieveSettings = {
  forwards: string[];
  keepCopy: boolean;
  /** `user@domain` or `@domain` (whole domain, subdomains included). */
  blocked: string[];
  allowed: string[];
  spam: { enabled: boolean; level: number; action: SpamAction };
  /** The switched-on autoresponder, or null. */
  vacation: VacationSettings | null;
};

/** Abwesenheitsnotiz: answered at most once per `days` per sender, only between the dates (inclusive). */
export type VacationSettings = {
  subject: string;
  body: string;
  /** `YYYY-MM-DD` or null (open-ended). */
  startsOn: string | null;
  endsOn: string | null;
  days: number;
  /**
   * More addresses of the recipient (Sieve `:addresses`): a mail account's routed addresses, since
   * Dovecot knows it by its login. Empty for a mailbox, whose address Pigeonhole knows already.
   */
  addresses?: string[];
};

export const DEFAULT_SIEVE_SETTINGS: SieveSettings = {
  forwards: [],
  keepCopy: true,
  blocked: [],
  allowed: [],
  spam: { enabled: true, level: 3, action: "junk" },
  vacation: null,
};

/** X-Spam-Score at or above which a message counts as spam, per level 1 (lenient) … 5 (strict). */
export const SPAM_THRESHOLDS: Record<number, number> = { 1: 10, 2: 8, 3: 5, 4: 3, 5: 2 };

export const JUNK_FOLDER = "Junk";
export const SPAM_MARK_HEADER = "X-Kontor-Spam";

const REQUIRE = ["fileinto", "mailbox", "envelope", "imap4flags", "relational", "comparator-i;ascii-numeric", "regex", "editheader"];
const VACATION_REQUIRE = ["vacation", "date"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The autoresponder. Pigeonhole itself never answers mail without a sender, from mailer daemons, to
 * lists or bulk mail (List-*, Precedence, Auto-Submitted headers), or mail that does not name the
 * mailbox (or, with sieve_vacation_use_original_recipient, the alias it came through) in To/Cc; it
 * remembers whom it answered for `:days`. The dates are compared as calendar days of the server.
 */
function vacationRule(v: VacationSettings, spam: string | null): string {
  const tests: string[] = [];
  if (v.startsOn && ISO_DATE.test(v.startsOn)) tests.push(`currentdate :value "ge" "date" ${sieveString(v.startsOn)}`);
  if (v.endsOn && ISO_DATE.test(v.endsOn)) tests.push(`currentdate :value "le" "date" ${sieveString(v.endsOn)}`);
  // Spam that was only marked (not filed away) gets no answer either.
  if (spam) tests.push(`not ${spam}`);
  const days = Math.min(30, Math.max(1, Math.trunc(v.days)));
  const subject = v.subject.trim() ? ` :subject ${sieveString(v.subject.trim())}` : "";
  const addresses = v.addresses?.length ? ` :addresses ${sieveList(v.addresses)}` : "";
  const action = `vacation :days ${days}${subject}${addresses} ${sieveText(v.body)};`;
  if (!tests.length) return action;
  const test = tests.length === 1 ? tests[0] : `allof (\n    ${tests.join(",\n    ")}\n  )`;
  return `if ${test} {\n  ${action}\n}`;
}

/** Sender tests for a list of patterns: exact addresses, and domains with their subdomains. */
function senderTest(patterns: string[]): string | null {
  const addresses = patterns.filter((p) => !p.startsWith("@"));
  const domains = patterns.filter((p) => p.startsWith("@")).map((p) => p.slice(1));
  const tests: string[] = [];
  for (const where of ['address :all :is "from"', 'envelope :all :is "from"']) {
    if (addresses.length) tests.push(`${where} ${sieveList(addresses)}`);
  }
  for (const where of ["address :domain", "envelope :domain"]) {
    if (domains.length) {
      tests.push(`${where} :is "from" ${sieveList(domains)}`);
      // Domains are allow-listed to [a-z0-9.-], so "*." is the only wildcard in these keys.
      tests.push(`${where} :matches "from" ${sieveList(domains.map((d) => `*.${d}`))}`);
    }
  }
  return tests.length ? `anyof (\n    ${tests.join(",\n    ")}\n  )` : null;
}

/**
 * Spam: an upstream filter's `X-Spam-Flag: YES`, or its `X-Spam-Score` at or above the level's
 * threshold. The numeric comparator reads a value that does not start with a digit (a negative
 * score, garbage) as infinity, so the score only counts when it looks like a plain number.
 */
function spamTest(level: number): string {
  const threshold = SPAM_THRESHOLDS[level] ?? SPAM_THRESHOLDS[3];
  return `anyof (
    header :is "X-Spam-Flag" "YES",
    allof (
      header :regex "X-Spam-Score" "^[0-9]+([.][0-9]+)?$",
      header :value "ge" :comparator "i;ascii-numeric" "X-Spam-Score" ${sieveString(String(threshold))}
    )
  )`;
}

function spamAction(action: SpamAction): string {
  if (action === "delete") return "  discard;\n  stop;";
  if (action === "junk") return `  fileinto :create ${sieveString(JUNK_FOLDER)};\n  stop;`;
  // "mark": stays in the inbox (and is forwarded like any other mail), flagged and tagged.
  return `  addflag "$Junk";\n  addheader ${sieveString(SPAM_MARK_HEADER)} "yes";`;
}

/**
 * The mailbox's whole delivery policy as one Sieve script, in this order: blocked senders are
 * discarded; spam (unless the sender is allowed) is handled as chosen; then forwarding, keeping a
 * copy in the inbox when asked. Pure: same settings, same text.
 */
export function generateSieveScript(s: SieveSettings): string {
  const lines = [
    "# Generated by Kontor from the mailbox's settings; rewritten on every change. Do not edit.",
    `require ${sieveList(s.vacation ? [...REQUIRE, ...VACATION_REQUIRE] : REQUIRE)};`,
    "",
  ];
  const blocked = senderTest(s.blocked);
  if (blocked) lines.push("# Black list: never reaches the mailbox.", `if ${blocked} {\n  discard;\n  stop;\n}`, "");
  if (s.spam.enabled) {
    const allowed = senderTest(s.allowed);
    const test = allowed ? `allof (\n  not ${allowed},\n  ${spamTest(s.spam.level)}\n)` : spamTest(s.spam.level);
    lines.push(
      `# Spam filter (level ${s.spam.level}, action ${s.spam.action}); white-listed senders skip it.`,
      `if ${test} {\n${spamAction(s.spam.action)}\n}`,
      "",
    );
  }
  if (s.vacation) {
    lines.push("# Autoresponder (Abwesenheitsnotiz).", vacationRule(s.vacation, s.spam.enabled ? spamTest(s.spam.level) : null), "");
  }
  if (s.forwards.length) {
    lines.push("# Forwarding.");
    for (const target of s.forwards) lines.push(`redirect ${sieveString(target)};`);
    if (s.keepCopy) lines.push("keep;");
  }
  return lines.join("\n").trimEnd() + "\n";
}
