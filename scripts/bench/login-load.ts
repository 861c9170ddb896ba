/** The login scenario (one argon2id verify per request): a page scenario of its own and the anchor of password work. */
import { formFields, multipart } from "./form-post";
import type { LoadSpec } from "./load";

export async function loginSpec(base: string, password: string, seconds?: number): Promise<LoadSpec> {
  const form = multipart({
    ...(await formFields(`${base}/login`, undefined, 'name="identifier"')),
    identifier: "kunde@kontor.example",
    password,
    area: "ksc",
  });
  return {
    name: "Login (argon2id verify)",
    url: `${base}/login`,
    method: "POST",
    body: form.body,
    headers: { "content-type": form.contentType, origin: base },
    okStatus: [303],
    ...(seconds === undefined ? {} : { seconds }),
  };
}
