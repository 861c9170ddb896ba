import { getLocale } from "next-intl/server";
import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { formatMegabytes } from "@/lib/services/mail-usage/mail-usage";
import { getTranslations } from "@/lib/i18n/translations";
import { Card } from "@/components/ui/card";
import { auditActionText } from "@/lib/services/audit/action-text";
import { auditActorText } from "@/lib/services/audit/actor-text";
import type { MailboxRecord } from "@/lib/services/support/get-mailbox-record";
import { displayDomain } from "@/lib/validation/names";
import { DefinitionList } from "./definition-list";

/** The record's sections; only fields the service selected explicitly, so nothing secret can appear. */
export async function MailboxRecordView({ record }: { record: MailboxRecord }) {
  const t = await getTranslations("records");
  const tp = await getTranslations("panelKind");
  const ta = await getTranslations("audit");
  const formatTime = await getTimeFormatter();
  const locale = await getLocale();
  const when = (d: Date | null) => (d ? formatTime(d) : t("never"));
  const yesNo = (b: boolean) => (b ? t("yes") : t("no"));
  return (
    <>
      <Card title={t("ownerTitle")}>
        <DefinitionList
          rows={[
            [t("customer"), `${record.customerNumber} · ${record.company ?? record.contactName}`],
            [t("reseller"), record.reseller],
            [t("domain"), displayDomain(record.domain)],
            [t("package"), record.packageName],
            [t("panel"), tp(record.panel)],
          ]}
        />
      </Card>
      <Card title={t("mailboxTitle")}>
        <DefinitionList
          rows={[
            [t("enabled"), yesNo(record.enabled)],
            [t("quota"), record.quotaMb === null ? t("unlimited") : t("quotaMb", { mb: record.quotaMb })],
            [t("used"), record.usedBytes === null ? t("notReported") : t("usedMb", { used: formatMegabytes(record.usedBytes, locale) })],
            [t("lastLogin"), when(record.lastLogin)],
            [t("passwordChangedAt"), when(record.passwordChangedAt)],
            [t("createdAt"), when(record.createdAt)],
            [t("forwards"), record.forwards.length ? record.forwards.join(", ") : t("none")],
            [t("keepCopy"), yesNo(record.keepCopy)],
            [
              t("spam"),
              record.spam
                ? t("spamValue", {
                    enabled: yesNo(record.spam.enabled),
                    level: record.spam.level,
                    action: t(`spamActions.${record.spam.action}`),
                  })
                : t("none"),
            ],
            [
              t("senderRules"),
              record.senderRules.length ? record.senderRules.map((r) => `${t(`ruleKinds.${r.kind}`)}: ${r.pattern}`).join(", ") : t("none"),
            ],
          ]}
        />
      </Card>
      <Card title={t("recentAudit")}>
        {record.recentAudit.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {record.recentAudit.map((a) => (
              <li key={a.id} className="py-1">
                {when(a.at)} · {auditActionText(ta, a.action)} · {auditActorText(ta, a)}
                {a.ip ? ` · ${a.ip}` : ""}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
