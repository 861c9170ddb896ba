import { createRobotChallenge } from "@/lib/robot-check/challenge";

export const dynamic = "force-dynamic";

/** A fresh signed proof-of-work challenge for the "Ich bin kein Roboter" widget; never cached. */
export async function GET() {
  const challenge = await createRobotChallenge();
  return Response.json(challenge, { headers: { "Cache-Control": "no-store" } });
}
