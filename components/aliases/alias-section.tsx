import type { FormAction } from "@/components/form/use-form";
import { getTranslations } from "@/lib/i18n/translations";
import type { AliasRow, CatchAllRow } from "@/lib/services/aliases/list-aliases";
import { MAX_ALIAS_TARGETS } from "@/lib/validation/alias";
import { AliasForm, CatchAllForm, RemoveAliasButton } from "./alias-forms";

type Props = {
  aliases: AliasRow[];
  domains: { id: number; displayName: string }[];
  actions: { save: FormAction; remove: FormAction; catchAll?: FormAction };
  /** Set in the panel, absent in the E-Mail-Administration. */
  subscriptionId?: number;
  /** The alias tool of one mailbox: its domain first, itself as the first target, no catch-all. */
  mailbox?: { address: string; domainId: number };
  catchAlls?: CatchAllRow[];
  maxAliases?: number | null;
  /** 3 where the page already puts the block under a heading of its own (the E-Mail-Administration's box). */
  headingLevel?: 2 | 3;
};

/** Aliases (list, remove, add) and the catch-all per domain; the same block in every area that has them. */
export async function AliasSection({ aliases, domains, actions, subscriptionId, mailbox, catchAlls, maxAliases, headingLevel = 2 }: Props) {
  const catchAllAction = actions.catchAll;
  const Heading = headingLevel === 3 ? "h3" : "h2";
  const t = await getTranslations("aliases");
  return (
    <div className="space-y-6">
      <section aria-labelledby="aliases-title" className="space-y-3">
        <Heading id="aliases-title" className="text-base font-semibold">
          {t("title")}
        </Heading>
        <p className="text-sm text-slate-600">{mailbox ? t("mailboxIntro", { address: mailbox.address }) : t("intro")}</p>
        {aliases.length === 0 ? (
          <p className="text-sm">{t("none")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b">
                <th className="py-1">{t("columnAlias")}</th>
                <th className="py-1">{t("columnTargets")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {aliases.map((a) => (
                <tr key={a.id} className="border-b align-top">
                  <td className="py-1 font-mono">{a.displayAddress}</td>
                  <td className="py-1 font-mono">{a.targets.join(", ")}</td>
                  <td className="py-1 text-right">
                    <RemoveAliasButton action={actions.remove} aliasId={a.id} subscriptionId={subscriptionId} address={a.displayAddress} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {maxAliases !== undefined && maxAliases !== null && <p className="text-xs text-slate-500">{t("limit", { max: maxAliases })}</p>}
        <AliasForm
          action={actions.save}
          subscriptionId={subscriptionId}
          domains={domains}
          defaultDomainId={mailbox?.domainId}
          defaultTargets={mailbox ? `${mailbox.address}\n` : ""}
          maxTargets={MAX_ALIAS_TARGETS}
        />
      </section>
      {catchAllAction && catchAlls && catchAlls.length > 0 && (
        <section aria-labelledby="catch-all-title" className="space-y-3">
          <Heading id="catch-all-title" className="text-base font-semibold">
            {t("catchAllTitle")}
          </Heading>
          <p className="text-sm text-slate-600">{t(subscriptionId === undefined ? "catchAllIntroAccounts" : "catchAllIntro")}</p>
          {catchAlls.map((c) =>
            // Without a subscription this is the E-Mail-Administration: its domains deliver to mail accounts.
            subscriptionId === undefined ? (
              <CatchAllForm
                key={c.domainId}
                action={catchAllAction}
                domainId={c.domainId}
                domain={c.domain}
                field="mailAccountId"
                choices={c.mailAccounts.map((a) => ({ id: a.id, label: a.login }))}
                current={c.mailAccountId}
              />
            ) : (
              <CatchAllForm
                key={c.domainId}
                action={catchAllAction}
                subscriptionId={subscriptionId}
                domainId={c.domainId}
                domain={c.domain}
                field="mailboxId"
                choices={c.mailboxes.map((m) => ({ id: m.id, label: m.address }))}
                current={c.mailboxId}
              />
            ),
          )}
        </section>
      )}
    </div>
  );
}
