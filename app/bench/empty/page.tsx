import { notFound } from "next/navigation";
import { connection } from "next/server";
import { config } from "@/lib/config";

/**
 * The benchmark's anchor (npm run bench, KONTOR_BENCH=1): a dynamic page of this build with nothing of
 * its own, rendered per request through the root layout like every page. Each page's server CPU is
 * reported as a ratio to this one. Without KONTOR_BENCH the page does not exist.
 */
export default async function EmptyBenchPage() {
  await connection();
  if (!config().bench) notFound();
  return <main />;
}
