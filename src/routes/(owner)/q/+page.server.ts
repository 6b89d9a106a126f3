import { ownerScript } from '../owner-script.server';

/** The page's script, bundled once at prerender and written into the html (no request). */
export async function load() {
  const { inline } = await ownerScript('survey');
  return { script: `<script type="module">${inline}</script>` };
}
