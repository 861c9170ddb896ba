"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { SubmitButton } from "@/components/form/buttons";
import { Form } from "@/components/form/form";
import { FormMessage } from "@/components/form/notices";
import { type FormAction, useForm } from "@/components/form/use-form";

/** One import job as the page shows it: texts already in the user's language. */
export type ImportJobItem = {
  id: number;
  title: string;
  status: string;
  applied: number;
  total: number;
  active: boolean;
  cancellable: boolean;
};
export type ImportJobLabels = { title: string; progress: string; cancel: string; cancelConfirm: string; pending: string };

/** How often the page asks for the jobs' progress while one is running. */
const POLL_MS = 1000;

/**
 * The progress of the latest imports. The state lives in the database (import_jobs), so the bars
 * come back after a reload; while a job is active the page re-renders itself from the server.
 */
export function ImportJobs({ jobs, labels, cancelAction }: { jobs: ImportJobItem[]; labels: ImportJobLabels; cancelAction: FormAction }) {
  const router = useRouter();
  const active = jobs.some((j) => j.active);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  if (!jobs.length) return null;
  return (
    <section aria-label={labels.title} className="space-y-3">
      <h2 className="font-semibold">{labels.title}</h2>
      {jobs.map((job) => (
        <div key={job.id} className="rounded border border-slate-200 p-3 text-sm">
          <p className="font-medium">{job.title}</p>
          <progress
            className="mt-1 w-full"
            max={Math.max(job.total, 1)}
            value={job.applied}
            aria-label={`${labels.progress} ${job.title}`}
          />
          <p role="status" className="text-slate-700">
            {job.status}
          </p>
          {job.cancellable && <CancelJob jobId={job.id} labels={labels} action={cancelAction} />}
        </div>
      ))}
    </section>
  );
}

function CancelJob({ jobId, labels, action }: { jobId: number; labels: ImportJobLabels; action: FormAction }) {
  const form = useForm(action);
  const router = useRouter();
  const done = form.state.status === "success";
  useEffect(() => {
    if (done) router.refresh();
  }, [done, router]);
  return (
    <Form form={form} confirm={labels.cancelConfirm} className="mt-2" aria-label={labels.cancel}>
      <input type="hidden" name="jobId" value={jobId} />
      <SubmitButton pending={form.pending || done} pendingLabel={labels.pending}>
        {labels.cancel}
      </SubmitButton>
      <FormMessage state={form.state} success={<span />} />
    </Form>
  );
}
