import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import { LanguageSwitch } from "@/components/shell/language-switch";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <ClientMessages area="(auth)">
      <div className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
        <div className="w-full max-w-md">
          <div className="mb-4 flex items-center justify-between">
            <span className="text-xl font-semibold text-brand-800">Kontor</span>
            <LanguageSwitch tone="light" />
          </div>
          <div className="rounded-lg bg-white shadow-md">{children}</div>
        </div>
      </div>
    </ClientMessages>
  );
}
