"use server";

import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/actions/action-state";
import { defineAction } from "@/lib/actions/define-action";
import { signIn } from "@/lib/auth/auth";
import { attemptLogin } from "@/lib/auth/login-service";
import { clearPendingCookie, readPendingCookie, setPendingCookie } from "@/lib/auth/mfa/pending-cookie";
import { beginKeyLogin, completeLoginWithCode, completeLoginWithKey, type SecondStepResult } from "@/lib/auth/mfa/second-step";
import { HOME_BY_ROLE } from "@/lib/authz/actor";
import type { Role } from "@/lib/authz/permissions";
import { loginSchema } from "@/lib/validation/login";
import { emptySchema, parseWebauthnJson, secondFactorCodeSchema, webauthnResponseSchema } from "@/lib/validation/mfa";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The form error with its key, so the form can show it again after a language switch. */
const formError = (t: Translate, key: string, values?: Record<string, number>): ActionState => ({
  status: "error",
  formError: t(key, values),
  formErrorRef: { key, values },
});
const throttled = (t: Translate, ms: number) => formError(t, "login.throttled", { minutes: Math.ceil(ms / 60_000) });
/** Asks for the robot check beside its widget as well as above the form. */
const needsRobot = (state: ActionState, t: Translate): ActionState =>
  state.status === "error" ? { ...state, fieldErrors: { ...state.fieldErrors, altcha: [t("robot.required")] } } : state;

export const loginAction = defineAction({
  permission: "public",
  schema: loginSchema,
  handler: async ({ input: { altcha, ...input }, ip, t }) => {
    const result = await attemptLogin({ ...input, robotCheck: altcha, ip });
    if (!result.ok) {
      if (result.reason === "secondFactor") {
        // Nothing is opened yet: the browser only learns that a second step follows and which kinds.
        await setPendingCookie(result.pendingToken);
        const data = { step: "secondFactor", totp: result.methods.totp ? "1" : "", webauthn: result.methods.webauthn ? "1" : "" };
        return { status: "success", message: t("mfa.loginIntro"), data };
      }
      if (result.reason === "throttled") return throttled(t, result.retryAfterMs);
      if (result.reason === "robotCheck") return needsRobot(formError(t, "login.robotNeeded"), t);
      const invalid = formError(t, "login.invalid");
      return result.robotCheck ? needsRobot(invalid, t) : invalid;
    }
    await signIn("credentials", { grant: result.grant, redirect: false });
    redirect(HOME_BY_ROLE[result.role as Role]);
  },
});

/** Shared ending of both second-step actions: only a passed factor leads to signIn. */
async function finishSecondStep(result: SecondStepResult, t: Translate, field: string): Promise<ActionState> {
  if (!result.ok) {
    if (result.reason === "invalid") {
      // A wrong code is said once, beside the code field; a refused key has no field of its own.
      if (field === "code") return { status: "error", fieldErrors: { code: [t("mfa.codeWrong")] } };
      const message = t("mfa.keyFailed");
      return { status: "error", formError: message, fieldErrors: { [field]: [message] } };
    }
    await clearPendingCookie();
    if (result.reason === "throttled") return throttled(t, result.retryAfterMs);
    return { status: "error", formError: t("mfa.loginRestart") };
  }
  await clearPendingCookie();
  await signIn("credentials", { grant: result.grant, redirect: false });
  redirect(HOME_BY_ROLE[result.role as Role]);
}

export const secondFactorAction = defineAction({
  permission: "public",
  schema: secondFactorCodeSchema,
  handler: async ({ input, ip, t }) => {
    const result = await completeLoginWithCode({ token: await readPendingCookie(), code: input.code, ip });
    return finishSecondStep(result, t, "code");
  },
});

export const keyLoginOptionsAction = defineAction({
  permission: "public",
  schema: emptySchema,
  handler: async ({ t }) => {
    const options = await beginKeyLogin(await readPendingCookie());
    if (!options) return { status: "error", formError: t("mfa.loginRestart") };
    return { status: "success", message: "", data: { options: JSON.stringify(options) } };
  },
});

export const keyLoginAction = defineAction({
  permission: "public",
  schema: webauthnResponseSchema,
  handler: async ({ input, ip, t }) => {
    const response = parseWebauthnJson<AuthenticationResponseJSON>(input.response);
    if (!response) return { status: "error", formError: t("mfa.keyFailed") };
    const result = await completeLoginWithKey({ token: await readPendingCookie(), response, ip });
    return finishSecondStep(result, t, "key");
  },
});
