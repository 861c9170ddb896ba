import { ImportPage } from "@/components/import/import-page";
import { requirePermission } from "@/lib/auth/session";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function Page({ searchParams }: Props) {
  const actor = await requirePermission("import.manage");
  return <ImportPage actor={actor} exportFailed={(await searchParams).export === "failed"} />;
}
