import { logoutAction } from "@/lib/actions/session-actions";
import { getTranslations } from "@/lib/i18n/translations";

/**
 * "Abmelden": a plain form posting the logout action, rendered on the server. No client component:
 * it sits in every frame, and a client boundary with action state cost each page view measurably.
 */
export async function LogoutButton() {
  const t = await getTranslations("common");
  return (
    <form action={logoutAction}>
      <button type="submit" className="rounded border border-white/40 px-3 py-1 text-sm hover:bg-white/10">
        {t("logout")}
      </button>
    </form>
  );
}
