"use client";

import { useEffect, useState } from "react";
import { parseCommonList } from "@/lib/password/common-match";
import type { PolicyOptions } from "@/lib/password/policy";

export type ClientPolicy = { options: PolicyOptions; common: ReadonlySet<string> };

let loading: Promise<ClientPolicy | null> | undefined;

function load(): Promise<ClientPolicy | null> {
  loading ??= fetch("/api/password/policy")
    .then((r) => (r.ok ? (r.json() as Promise<{ options: PolicyOptions; common: string }>) : Promise.reject(new Error(String(r.status)))))
    .then((body) => ({ options: body.options, common: parseCommonList(body.common) }))
    .catch(() => {
      loading = undefined; // try again at the next keystroke
      return null;
    });
  return loading;
}

/**
 * The server's policy options and common-password list, loaded once per page as soon as `wanted`
 * (the user typed a new password). Until then the meter shows no verdict rather than a wrong one.
 */
export function usePasswordPolicy(wanted: boolean): ClientPolicy | null {
  const [policy, setPolicy] = useState<ClientPolicy | null>(null);
  useEffect(() => {
    if (!wanted || policy) return;
    let alive = true;
    void load().then((p) => {
      if (alive && p) setPolicy(p);
    });
    return () => {
      alive = false;
    };
  }, [wanted, policy]);
  return policy;
}

/** Loads anew at the next use (tests switch the admin's option between renders). */
export function forgetPasswordPolicy() {
  loading = undefined;
}
