import type { Metadata } from "next/dist/lib/metadata/types/metadata-interface.js";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { PEER_HEADER } from "../../../src/peer.js";
import { Time } from "../../_components/time.js";
import { devMailboxEnabled, platformAdmin } from "../../_lib/platform.js";
import { studioConfig } from "../../_lib/config.js";

export const metadata: Metadata = { title: "Dev mailbox" };

/** Links in a mail's text, for the page to make them clickable. */
const LINK = /https?:\/\/[^\s<>"]+/g;

/**
 * The platform project's recent auth mails (sign-up and reset links), for `winky dev`, which
 * runs without a mail server. Off unless WINKY_DEV_MAILBOX=1, and only for requests to a
 * browser on this machine (the server marks each request's peer from its socket): the links
 * are live credentials (anyone holding one resets a password).
 */
export default async function DevMailboxPage() {
  const admin = platformAdmin();
  // Live sign-in links: only for a browser on this machine, whatever the setting says.
  const peer = (await headers()).get(PEER_HEADER);
  if (!devMailboxEnabled() || !admin || peer !== "loopback") notFound();
  const project = studioConfig().WINKY_PLATFORM_PROJECT;
  let mails: Awaited<ReturnType<typeof admin.mailbox>> = [];
  let problem: string | null = null;
  try {
    mails = await admin.mailbox(project, 20);
  } catch (e) {
    problem = e instanceof Error ? e.message : String(e);
  }
  return (
    <>
      <h1>Dev mailbox</h1>
      <p className="muted">
        The mails the studio&apos;s sign-up and password reset sent, newest first. A development
        studio has no mail server; a production one sends them over SMTP and shows nothing here.
      </p>
      {problem ? (
        <div className="callout callout-danger" role="alert">
          <p>The mailbox could not be read: {problem}</p>
        </div>
      ) : mails.length === 0 ? (
        <div className="card">
          <p>No mails yet. Create an account and its confirmation mail appears here.</p>
        </div>
      ) : (
        <ol className="mail-list">
          {mails.map((mail) => (
            <li key={`${mail.createdAt}-${mail.to}-${mail.kind}`} className="card">
              <p className="mail-subject">
                <strong>{mail.subject}</strong>
              </p>
              <p className="muted small">
                To {mail.to} · <Time iso={mail.createdAt} />
              </p>
              <p>
                {(mail.text.match(LINK) ?? []).map((link) => (
                  <a key={link} href={link} className="button button-quiet">
                    Open the link in this mail
                  </a>
                ))}
              </p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
