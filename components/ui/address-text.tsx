import { Fragment } from "react";

/** Local parts up to this long stay on one line; a longer one may break where it must. */
const KEEP_WHOLE = 30;

/**
 * Text holding addresses and domain names ("k@alpenblick.example (API-Schlüssel „Abrechnung“)")
 * that wraps where a reader expects: after "@" and after the domain's dots, never inside a local part
 * (not even at its hyphens). Only what is still too long for its box breaks anywhere (the caller's
 * overflow-wrap), instead of `break-all` cutting every address mid-word.
 */
export function AddressText({ text }: { text: string }) {
  return (
    <>
      {text.split(/(\s+)/).map((word, i) => (
        <Word key={i} word={word} />
      ))}
    </>
  );
}

function Word({ word }: { word: string }) {
  const at = word.lastIndexOf("@");
  const local = at > 0 ? word.slice(0, at + 1) : "";
  // Each dot stays at the end of its part, so a line never starts with one.
  const parts = word.slice(local.length).split(/(?<=\.)/);
  return (
    <>
      {local && <span className={local.length <= KEEP_WHOLE ? "whitespace-nowrap" : undefined}>{local}</span>}
      {parts.map((part, i) => (
        <Fragment key={i}>
          {(i > 0 || local) && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
