import { getTranslations } from "@/lib/i18n/translations";
import { SuccessNotice } from "@/components/form/notices";

/** The notice a redirect after create/delete asks for (?notice=created|deleted); anything else shows nothing. */
export async function MailNotice({ notice }: { notice?: string }) {
  const t = await getTranslations("panel");
  if (notice === "created") return <SuccessNotice title={t("created")} />;
  if (notice === "deleted") return <SuccessNotice title={t("deleted")} />;
  return null;
}
