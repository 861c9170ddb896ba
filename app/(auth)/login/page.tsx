import { getTranslations } from "@/lib/i18n/translations";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { clientIp } from "@/lib/auth/client-ip";
import { addressNeedsRobotCheck } from "@/lib/auth/login-service";
import { getActor, homeFor } from "@/lib/auth/session";
import { keyLoginAction, keyLoginOptionsAction, loginAction, secondFactorAction } from "./actions";

export default async function LoginPage() {
  const actor = await getActor();
  if (actor) redirect(homeFor(actor));
  const t = await getTranslations("login");
  return (
    <>
      <div className="rounded-t-lg bg-brand-600 px-6 py-4 text-white">
        <h1 className="text-lg font-semibold">{t("title")}</h1>
      </div>
      <div className="p-6">
        <LoginForm
          action={loginAction}
          robotCheck={await addressNeedsRobotCheck(await clientIp())}
          secondFactor={{ code: secondFactorAction, keyOptions: keyLoginOptionsAction, keyLogin: keyLoginAction }}
        />
      </div>
    </>
  );
}
