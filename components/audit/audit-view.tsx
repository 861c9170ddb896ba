import "server-only";
import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { getTranslations } from "@/lib/i18n/translations";
import { Pager } from "@/components/tickets/pager";
import { Card, PageTitle } from "@/components/ui/card";
import type { Actor } from "@/lib/authz/actor";
import { isLoginArea, type LoginArea } from "@/lib/auth/login-areas";
import { auditActionText } from "@/lib/services/audit/action-text";
import { auditActorText } from "@/lib/services/audit/actor-text";
import { auditCodesVisible, auditIpVisible, listAudit } from "@/lib/services/audit/list-audit";
import { auditQuerySchema } from "@/lib/validation/audit";
import { AuditFilters } from "./audit-filters";

const AREA_LABEL: Record<LoginArea, string> = { ksc: "areaKsc", mailadmin: "areaMailadmin", mailbox: "areaMailbox" };

type Props = { actor: Actor; base: string; searchParams: Record<string, string | string[] | undefined> };

/** The audit log as the actor may see it (scope decided in the service), filtered and paginated. */
export async function AuditView({ actor, base, searchParams }: Props) {
  const t = await getTranslations("audit");
  const formatTime = await getTimeFormatter();
  const query = auditQuerySchema.parse(searchParams);
  const { items, nextBefore } = await listAudit(actor, query);
  const { before: _before, ...filters } = query;
  const showCodes = auditCodesVisible(actor);
  const tl = await getTranslations("login");
  type Details = Record<string, unknown> | null;
  // Details people read as words: how a change was made and where someone logged in. The rest are
  // ids and flags for whoever investigates, shown as they are stored.
  const phrase = (key: string, value: unknown): string | null => {
    if (key === "via" && typeof value === "string" && t.has(`via.${value}`)) return t(`via.${value}`);
    if (key === "area" && isLoginArea(value)) return `${tl("area")}: ${tl(AREA_LABEL[value])}`;
    return null;
  };
  const phrasedDetails = (d: Details) => Object.entries(d ?? {}).flatMap(([k, v]) => phrase(k, v) ?? []);
  const rawDetails = (d: Details) =>
    Object.entries(d ?? {})
      .filter(([k, v]) => phrase(k, v) === null)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(" ");
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <p className="text-sm text-slate-700">{t(`intro.${actor.role}`)}</p>
      <Card title={t("filterTitle")}>
        <AuditFilters query={query} />
      </Card>
      <Card title={t("entries")}>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr className="[&>th]:pr-4">
                  <th className="py-1">{t("at")}</th>
                  <th>{t("actor")}</th>
                  <th>{t("action")}</th>
                  <th>{t("target")}</th>
                  <th>{t("ip")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id} className="border-t border-slate-100 align-top [&>td]:py-2 [&>td]:pr-4">
                    <td className="whitespace-nowrap">{formatTime(e.at, "dateTimeSeconds")}</td>
                    <td className="break-all">{auditActorText(t, e)}</td>
                    <td>
                      <span title={showCodes ? e.action : undefined}>{auditActionText(t, e.action)}</span>
                      {phrasedDetails(e.details).map((text) => (
                        <span key={text} className="block text-xs text-slate-700">
                          {text}
                        </span>
                      ))}
                      {rawDetails(e.details) && (
                        <span className="block break-all font-mono text-xs text-slate-500">{rawDetails(e.details)}</span>
                      )}
                    </td>
                    <td className="break-all">{e.targetLabel ?? "—"}</td>
                    <td className="whitespace-nowrap font-mono text-xs">{(auditIpVisible(actor, e) && e.ip) || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager base={base} params={filters} cursorName="before" cursor={nextBefore} isFirst={!query.before} />
      </Card>
    </>
  );
}
