"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { IDLE } from "@/lib/actions/action-state";
import { logoutAction } from "@/lib/actions/session-actions";

export function LogoutButton() {
  const t = useTranslations("common");
  const [, formAction, pending] = useActionState(logoutAction, IDLE);
  return (
    <form action={formAction}>
      <button type="submit" disabled={pending} className="rounded border border-white/40 px-3 py-1 text-sm hover:bg-white/10">
        {t("logout")}
      </button>
    </form>
  );
}
