// The owner page's lazy files (other languages, the QR code, fallbacks for older browsers),
// prerendered beside q/index.html from the same bundle as its inline script.
import { error } from '@sveltejs/kit';
import { ownerScript } from '../../owner-script.server';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = async () =>
  [...(await ownerScript('survey')).files.keys()].map((file) => ({ file }));

export const GET: RequestHandler = async ({ params }) => {
  const code = (await ownerScript('survey')).files.get(params.file);
  if (code === undefined) error(404, 'Not found');
  return new Response(code, {
    headers: { 'content-type': 'text/javascript; charset=utf-8' }
  });
};
