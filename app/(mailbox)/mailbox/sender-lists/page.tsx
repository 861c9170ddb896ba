import { getTranslations } from "@/lib/i18n/translations";
import { RemoveButton } from "@/components/mailbox/remove-button";
import { AddSenderRuleForm } from "@/components/mailbox/sender-rule-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { listOwnSenderRules } from "@/lib/services/mailbox-settings/sender-rules";
import { displayAddress, displayDomain } from "@/lib/validation/names";
import { addSenderRuleAction, removeSenderRuleAction } from "../actions";

const display = (pattern: string) => (pattern.startsWith("@") ? `@${displayDomain(pattern.slice(1))}` : displayAddress(pattern));

export default async function MailboxSenderListsPage() {
  const actor = await requirePermission("mailbox.self");
  const t = await getTranslations("mailboxSettings.senders");
  const rules = await listOwnSenderRules(actor);
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {(["block", "allow"] as const).map((kind) => {
        const entries = rules.filter((r) => r.kind === kind);
        return (
          <Card key={kind} title={t(kind === "block" ? "blockTitle" : "allowTitle")}>
            <p className="mb-3 text-sm text-slate-600">{t(kind === "block" ? "blockIntro" : "allowIntro")}</p>
            {entries.length === 0 ? (
              <p className="mb-4 text-sm text-slate-500">{t("empty")}</p>
            ) : (
              <ul className="mb-4 divide-y divide-slate-100">
                {entries.map((r) => (
                  <li key={r.id} className="flex items-center justify-between py-2">
                    <span className="font-mono text-sm">{display(r.pattern)}</span>
                    <RemoveButton
                      action={removeSenderRuleAction}
                      id={r.id}
                      label={t("remove")}
                      accessibleLabel={t("removeEntry", { entry: display(r.pattern) })}
                    />
                  </li>
                ))}
              </ul>
            )}
            <AddSenderRuleForm action={addSenderRuleAction} kind={kind} />
          </Card>
        );
      })}
    </>
  );
}
