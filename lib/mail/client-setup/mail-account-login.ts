/**
 * The user names a mail program (or the webmail) logs in with for a mail account of the
 * E-Mail-Administration: every address routed to it and the account's own name. Dovecot's passdb
 * (migration 0010) accepts each with the account's password; the help boxes show exactly these.
 */
export function mailProgramUserNames(account: { login: string; addresses: { address: string }[] }): string[] {
  return [...account.addresses.map((a) => a.address), account.login];
}

/** The example the accounts box gives: the first account with an address, else the first account. */
export function clientLoginExample(accounts: { login: string; addresses: { address: string }[] }[]): {
  login: string;
  address: string | null;
} {
  const withAddress = accounts.find((a) => a.addresses.length > 0);
  const chosen = withAddress ?? accounts.at(0);
  return { login: chosen?.login ?? "", address: withAddress?.addresses.at(0)?.address ?? null };
}
