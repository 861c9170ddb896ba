import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";
import "./globals.css";

export const metadata: Metadata = { title: "Kontor", description: "Kontor – mail hosting control panel" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        <ClientMessages area="root">{children}</ClientMessages>
      </body>
    </html>
  );
}
