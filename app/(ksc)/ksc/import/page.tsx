import { ImportPage } from "@/components/import/import-page";
import { requirePermission } from "@/lib/auth/session";

export default async function Page() {
  return <ImportPage actor={await requirePermission("import.manage")} />;
}
