import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTimeFormatter } from "@/lib/i18n/time-formatter";
import { config } from "@/lib/config";
import { getTranslations } from "@/lib/i18n/translations";
import { listSinkMails } from "@/lib/mail/sink-mailbox";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { referrer: "no-referrer", robots: { index: false } };

/**
 * Demo only (KONTOR_DEMO=1): the mails the loopback sink received, so someone trying the demo can
 * follow a reset link. Anywhere else this page does not exist: it would show every user's links.
 */
export default async function DemoMailsPage() {
  if (!config().demo) notFound();
  const t = await getTranslations("demoMails");
  const formatTime = await getTimeFormatter();
  const mails = listSinkMails(undefined, 30);
  return (
    <main className="mx-auto max-w-4xl space-y-4 px-4 py-8">
      <h1 className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      {mails.length === 0 && <p className="text-sm text-slate-500">{t("empty")}</p>}
      {mails.map((m) => (
        <article key={m.id} className="rounded-lg bg-white p-4 shadow-sm">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
            <dt className="text-slate-500">{t("received")}</dt>
            <dd>{formatTime(m.receivedAt, "dateTimeSeconds")}</dd>
            <dt className="text-slate-500">{t("to")}</dt>
            <dd>{m.to}</dd>
            <dt className="text-slate-500">{t("subject")}</dt>
            <dd className="font-medium">{m.subject}</dd>
          </dl>
          <MailBody text={m.text} />
        </article>
      ))}
    </main>
  );
}

/** Plain text with the links clickable; React escapes everything else. */
function MailBody({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <pre className="mt-3 whitespace-pre-wrap break-words rounded bg-slate-50 p-3 text-sm">
      {parts.map((p, i) =>
        /^https?:\/\//.test(p) ? (
          <a key={i} href={p} className="break-all text-brand-700 underline">
            {p}
          </a>
        ) : (
          p
        ),
      )}
    </pre>
  );
}
