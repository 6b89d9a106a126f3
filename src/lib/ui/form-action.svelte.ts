import { WriteError } from '$lib/db/write-error';
import { formErrors, type FieldErrors } from './form-errors';

/**
 * A form's submit: busy while it runs (the button ignores a second press), and the write
 * path's refusal turned into messages at the fields. Any other error is not the user's
 * input and is rethrown.
 *
 *   const save = new FormAction(() => addStaff(actor, form));
 *   <form onsubmit={save.submit}> … error={save.errors.name} … <Button busy={save.busy}>
 */
export class FormAction<T> {
  busy = $state(false);
  errors = $state<FieldErrors>({});
  readonly #run: () => Promise<T>;

  constructor(run: () => Promise<T>) {
    this.#run = run;
  }

  /** Runs the action; resolves to its result, or undefined when the input was refused. */
  submit = async (event?: Event): Promise<T | undefined> => {
    event?.preventDefault();
    if (this.busy) return undefined;
    this.busy = true;
    try {
      const result = await this.#run();
      this.errors = {};
      return result;
    } catch (error) {
      if (!(error instanceof WriteError)) throw error;
      this.errors = formErrors(error);
      return undefined;
    } finally {
      this.busy = false;
    }
  };

  /** Forgets the last refusal, for a form that opens afresh (a dialog shown again). */
  reset(): void {
    this.errors = {};
  }
}
