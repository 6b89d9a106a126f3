import type { SignKind } from './sign-dialog.svelte';

export interface SignerContext {
  /** The signed-in person's staff id. */
  me: string;
  /** Who may sign (active staff of the shift roles). */
  signers: readonly { id: string }[];
  /** Who is on duty on this shift (the roster). */
  onDuty: readonly string[];
  /** Who signed the handover as outgoing, once someone has. */
  outgoing?: string;
}

/**
 * Whose name the signature dialog opens with (issue 20 fault 8): the signed-in person when
 * they may sign this step. The outgoing signature falls back to the one person on duty; the
 * incoming signature is never preselected for the person who signed as outgoing (003 §3.9:
 * two different people sign), so on a shared tablet the incoming picks their own name.
 */
export function defaultSigner(kind: SignKind, context: SignerContext): string | undefined {
  const { me, signers, onDuty, outgoing } = context;
  const may = (id: string) => signers.some((s) => s.id === id);
  if (kind === 'ready') {
    if (may(me)) return me;
    const duty = onDuty.filter(may);
    return duty.length === 1 ? duty[0] : undefined;
  }
  if (kind === 'accept' || kind === 'refuse') return may(me) && me !== outgoing ? me : undefined;
  return may(me) ? me : undefined;
}
