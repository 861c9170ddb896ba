import { handleApiRequest } from "@/lib/api/handle-request";

export const dynamic = "force-dynamic";

/** API v1 (lib/api): one entry point, so every operation passes the same key, scope and error handling. */
export const GET = handleApiRequest;
export const POST = handleApiRequest;
export const PUT = handleApiRequest;
export const PATCH = handleApiRequest;
export const DELETE = handleApiRequest;
