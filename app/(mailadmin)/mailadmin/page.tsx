import Link from "next/link";
import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { quotaUsageFormatter } from "@/components/mail/quota-usage";
import { nearQuota } from "@/lib/services/mail-usage/mail-usage";
import { getTranslations } from "@/lib/i18n/translations";
import { CreateAccountForm, RouteAddressForm } from "@/components/mailadmin/account-forms";
import { mailAccountUsageText } from "@/components/mailadmin/mail-account-usage";
import { DeleteButton } from "@/components/reseller/delete-button";
import { Card, PageTitle } from "@/components/ui/card";
import { ServerAddresses } from "@/components/ui/server-addresses";
import { requirePermission } from "@/lib/auth/session";
import { getMailAdminOverview } from "@/lib/services/mail-accounts/mail-admin-overview";
import { clientLoginExample } from "@/lib/mail/client-setup/mail-account-login";
import { accountLogin } from "@/lib/services/orders/admin-account";
import { getServerSettings } from "@/lib/services/settings/server-settings";
import { AliasSection } from "@/components/aliases/alias-section";
import { listAliases, listCatchAlls } from "@/lib/services/aliases/list-aliases";
import {
  createMailAccountAction,
  deleteMailAdminAliasAction,
  routeAddressAction,
  saveMailAdminAliasAction,
  setMailAdminCatchAllAction,
  unrouteAddressAction,
} from "./actions";

export default async function MailAdminStartPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("mailadmin.manage");
  // The layout shows the forced password change instead; render nothing behind it.
  if (actor.mustChangePassword) return null;
  const t = await getTranslations();
  const { accounts, domains, allowance, usage } = await getMailAdminOverview(actor);
  const quotaUsage = await quotaUsageFormatter();
  const formatTime = await getTimeFormatter();
  const changed = (await searchParams).passwort === "geaendert";
  const top = accounts.reduce((n, a) => Math.max(n, a.number), 0);
  const nextLogin = accountLogin(actor.label.split(".")[0], top + 1);
  const example = clientLoginExample(accounts);
  const atLimit = usage.max !== null && usage.used >= usage.max;
  return (
    <>
      <PageTitle>{t("nav.accounts")}</PageTitle>
      <p className="text-sm text-slate-600">{t("mailadmin.welcome", { login: actor.label })}</p>
      {changed && (
        <p role="status" className="rounded border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("mailAdmin.forcedDone")}
        </p>
      )}
      <Card title={t("mailadmin.accountsTitle")}>
        <p className="mb-3 text-sm text-slate-600">{await mailAccountUsageText(usage)}</p>
        <table className="w-full text-left text-sm">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1">{t("mailadmin.account")}</th>
              <th>{t("mailadmin.addresses")}</th>
              <th>{t("panel.quotaUsage")}</th>
              <th>{t("panel.lastLogin")}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id} className="border-t border-slate-100 align-top">
                <td className="py-2 font-mono">
                  <Link className="text-brand-700 underline" href={`/mailadmin/konten/${a.id}`}>
                    {a.login}
                  </Link>
                </td>
                <td>
                  {a.addresses.length === 0 && t("mailadmin.noAddresses")}
                  <ul className="space-y-1">
                    {a.addresses.map((x) => (
                      <li key={x.id} className="flex items-center gap-2">
                        <span>{x.address}</span>
                        <DeleteButton
                          action={unrouteAddressAction}
                          fields={{ addressId: String(x.id) }}
                          label={t("mailAdmin.removeAddress")}
                          confirm={t("mailAdmin.removeAddressConfirm", { address: x.address })}
                        />
                      </li>
                    ))}
                  </ul>
                </td>
                <td className={nearQuota(a.usedBytes, a.quotaMb) ? "font-semibold text-red-700" : undefined}>
                  {quotaUsage(a.usedBytes, a.quotaMb)}
                </td>
                <td>{a.lastLogin ? formatTime(a.lastLogin) : t("panel.neverLoggedIn")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-3 text-sm text-slate-600">
          {example.address
            ? t("mailAdmin.clientLogin", { address: example.address, login: example.login })
            : t("mailAdmin.clientLoginNoAddress", { login: example.login })}
        </p>
        <p className="mt-2 text-sm text-slate-600">{t("mailAdmin.accountUse", { admin: actor.label })}</p>
      </Card>
      <Card title={t("mailAdmin.routeTitle")}>
        {domains.length === 0 ? (
          <p className="text-sm">{t("mailAdmin.noDomains")}</p>
        ) : (
          <RouteAddressForm
            action={routeAddressAction}
            accounts={accounts.map((a) => ({ value: String(a.id), label: a.login }))}
            domains={domains.map((d) => ({ value: String(d.id), label: `@${d.displayName}` }))}
          />
        )}
      </Card>
      {domains.length > 0 && (
        <Card title={t("aliases.manage")}>
          <AliasSection
            headingLevel={3}
            aliases={await listAliases(actor, null)}
            domains={domains}
            catchAlls={await listCatchAlls(actor, null)}
            actions={{ save: saveMailAdminAliasAction, remove: deleteMailAdminAliasAction, catchAll: setMailAdminCatchAllAction }}
          />
        </Card>
      )}
      <Card title={t("mailAdmin.createTitle")}>
        {atLimit ? (
          <p className="text-sm text-amber-800">{t("mailAdmin.atLimit", { max: allowance.maxAccounts ?? 0 })}</p>
        ) : (
          <CreateAccountForm
            action={createMailAccountAction}
            nextLogin={nextLogin}
            defaultQuota={allowance.quotaMb}
            maxQuotaMb={allowance.quotaMb}
          />
        )}
      </Card>
      <ServerAddresses settings={await getServerSettings()} username={t("server.usernameMailAccount", { login: example.login })} />
    </>
  );
}
