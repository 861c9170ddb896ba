import { getTranslations } from "@/lib/i18n/translations";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { findCustomerAccounts } from "@/lib/auth/mfa/admin-reset";
import { requirePermission } from "@/lib/auth/session";
import { resetSecondFactorAction } from "./actions";
import { ResetButton } from "./reset-button";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Admin: find a customer account by customer number or e-mail and reset its second factor. */
export default async function AdminMfaPage({ searchParams }: Props) {
  const actor = await requirePermission("mfa.reset");
  const t = await getTranslations("mfa");
  const raw = (await searchParams).q;
  const query = (typeof raw === "string" ? raw : "").slice(0, 320);
  const rows = await findCustomerAccounts(actor, query);
  return (
    <>
      <PageTitle>{t("adminTitle")}</PageTitle>
      <p className="text-sm">
        <Link href="/admin/security" className="text-brand-700 underline">
          {t("ownFactorsLink")}
        </Link>
      </p>
      <Card title={t("adminSearchTitle")}>
        <form method="get" className="flex flex-wrap items-end gap-2">
          <div className="grow">
            <label htmlFor="q" className="block text-sm font-medium">
              {t("adminSearchLabel")}
            </label>
            <input
              id="q"
              name="q"
              type="search"
              defaultValue={query}
              maxLength={320}
              className="mt-1 block w-full rounded border border-slate-300 px-3 py-2"
            />
          </div>
          <button type="submit" className="rounded bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {t("adminSearch")}
          </button>
        </form>
        {query && rows.length === 0 && <p className="mt-4 text-sm text-slate-600">{t("adminNoMatch")}</p>}
        {rows.length > 0 && (
          <table className="mt-4 w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1">{t("adminCustomer")}</th>
                <th>{t("adminEmail")}</th>
                <th>{t("adminFactors")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.userId} className="border-t border-slate-100">
                  <td className="py-2">
                    {r.customerNumber}
                    {r.company ? ` · ${r.company}` : ""}
                  </td>
                  <td>{r.email}</td>
                  <td>{r.factorCount}</td>
                  <td className="text-right">
                    {r.factorCount > 0 && <ResetButton action={resetSecondFactorAction} userId={r.userId} email={r.email} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
