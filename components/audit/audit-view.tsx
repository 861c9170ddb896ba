import "server-only";
import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { getTranslations } from "@/lib/i18n/translations";
import { Pager } from "@/components/tickets/pager";
import { AddressText } from "@/components/ui/address-text";
import { Card, PageTitle } from "@/components/ui/card";
import type { Actor } from "@/lib/authz/actor";
import { isLoginArea, type LoginArea } from "@/lib/auth/login-areas";
import { auditActionText } from "@/lib/services/audit/action-text";
import { auditActorText } from "@/lib/services/audit/actor-text";
import { auditDetailTexts, type DetailWords } from "@/lib/services/audit/detail-text";
import { auditCodesVisible, auditIpVisible, listAudit } from "@/lib/services/audit/list-audit";
import { auditDayErrors, auditQuerySchema } from "@/lib/validation/audit";
import { AuditFilters } from "./audit-filters";

const AREA_LABEL: Record<LoginArea, string> = { ksc: "areaKsc", mailadmin: "areaMailadmin", mailbox: "areaMailbox" };

type Props = { actor: Actor; base: string; searchParams: Record<string, string | string[] | undefined> };

// On a phone each entry is a block of labelled lines; from "sm" on, a table row.
const CELL = "pr-4 max-sm:block max-sm:py-0.5 sm:py-2";
const CELL_LABEL = "font-medium text-slate-500 sm:hidden";

/** The audit log as the actor may see it (scope decided in the service), filtered and paginated. */
export async function AuditView({ actor, base, searchParams }: Props) {
  const t = await getTranslations("audit");
  const formatTime = await getTimeFormatter();
  const query = auditQuerySchema.parse(searchParams);
  const tAll = await getTranslations();
  const dayErrors = Object.fromEntries(
    Object.entries(auditDayErrors(searchParams)).map(([name, keys]) => [name, keys.map((k) => tAll(k))]),
  );
  const typedDays = { from: typed(searchParams.from), to: typed(searchParams.to) };
  const { items, nextBefore } = await listAudit(actor, query);
  const { before: _before, ...filters } = query;
  const showCodes = auditCodesVisible(actor);
  const tl = await getTranslations("login");
  const words: DetailWords = {
    yes: tAll("common.yes"),
    no: tAll("common.no"),
    area: (value) => (isLoginArea(value) ? tl(AREA_LABEL[value]) : null),
  };
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <p className="text-sm text-slate-700">{t(`intro.${actor.role}`)}</p>
      <Card title={t("filterTitle")}>
        <AuditFilters query={query} typedDays={typedDays} dayErrors={dayErrors} />
      </Card>
      <Card title={t("entries")}>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("empty")}</p>
        ) : (
          <div className="sm:overflow-x-auto">
            <table className="w-full text-left text-sm max-sm:block">
              <thead className="text-slate-500 max-sm:sr-only">
                <tr className="[&>th]:pr-4">
                  <th className="py-1">{t("at")}</th>
                  <th>{t("actor")}</th>
                  <th>{t("action")}</th>
                  <th>{t("target")}</th>
                  <th>{t("ip")}</th>
                </tr>
              </thead>
              <tbody className="max-sm:block">
                {items.map((e) => (
                  <tr key={e.id} className="border-t border-slate-100 align-top max-sm:block max-sm:py-2" data-testid="audit-entry">
                    <td className={`${CELL} whitespace-nowrap`}>{formatTime(e.at, "dateTimeSeconds")}</td>
                    <td className={`${CELL} break-words max-sm:[overflow-wrap:anywhere]`}>
                      <span className={CELL_LABEL}>{t("actor")}: </span>
                      <AddressText text={auditActorText(t, e)} />
                    </td>
                    <td className={CELL}>
                      {/* data-code: the title is the stored action code (e.g. "import.apply"), data like the monospaced values. */}
                      <span title={showCodes ? e.action : undefined} data-code={showCodes ? "" : undefined}>
                        {auditActionText(t, e.action)}
                      </span>
                      {auditDetailTexts(t, e.details, words).map((text) => (
                        <span key={text} className="block text-xs text-slate-700 break-words">
                          {text}
                        </span>
                      ))}
                    </td>
                    <td className={`${CELL} break-words max-sm:[overflow-wrap:anywhere]`} data-testid="audit-target">
                      <span className={CELL_LABEL}>{t("target")}: </span>
                      <AddressText text={e.targetLabel ?? "—"} />
                    </td>
                    <td className={`${CELL} whitespace-nowrap font-mono text-xs`}>
                      <span className={`${CELL_LABEL} font-sans`}>{t("ip")}: </span>
                      {(auditIpVisible(actor, e) && e.ip) || "—"}
                    </td>
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

const typed = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);
