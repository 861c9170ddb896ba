import { getTranslations } from "@/lib/i18n/translations";
import { PolicyForm, ServerSettingsForm } from "@/components/admin/settings-forms";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/session";
import { getPasswordPolicyOptions } from "@/lib/services/settings/password-policy-settings";
import { getServerSettings } from "@/lib/services/settings/server-settings";
import { updatePasswordPolicyAction, updateServerSettingsAction } from "./actions";

export default async function SettingsPage() {
  await requirePermission("settings.manage");
  const t = await getTranslations("adminArea");
  return (
    <>
      <PageTitle>{t("settingsTitle")}</PageTitle>
      <Card title={t("policyTitle")}>
        <PolicyForm action={updatePasswordPolicyAction} options={await getPasswordPolicyOptions()} />
      </Card>
      <Card title={t("serverTitle")}>
        <ServerSettingsForm action={updateServerSettingsAction} settings={await getServerSettings()} />
      </Card>
    </>
  );
}
