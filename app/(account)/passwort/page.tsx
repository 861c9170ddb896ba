import { redirect } from "next/navigation";
import { OwnPasswordForm } from "@/components/password/own-password-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getTranslations } from "@/lib/i18n/translations";
import { PASSWORD_PAGE } from "@/lib/authz/navigation";
import { changeOwnPasswordAction } from "./actions";

/** "Passwort ändern" of the user menu: current password, the new one twice (seed 004). */
export default async function OwnPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("password.self");
  // The mailbox user's password page is in its own area (sidebar entry of seed 002); a pending forced
  // change of the `.001` password has its own form in the E-Mail-Administration.
  if (PASSWORD_PAGE[actor.role] !== "/passwort") redirect(PASSWORD_PAGE[actor.role]);
  if (actor.mustChangePassword) redirect("/mailadmin");
  const t = await getTranslations("password");
  const changed = (await searchParams).geaendert === "1";
  return (
    <>
      <PageTitle>{t("changeTitle")}</PageTitle>
      {changed && (
        <p role="status" className="rounded border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("changed")}
        </p>
      )}
      <Card title={actor.label}>
        <p className="mb-4 text-sm text-slate-700">{t("changeIntro")}</p>
        <OwnPasswordForm action={changeOwnPasswordAction} login={actor.label} />
      </Card>
    </>
  );
}
