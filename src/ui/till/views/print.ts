/**
 * Printing one view: the receipt or the Z report. The print CSS hides every other part of
 * the sidebar while body.printing is set.
 */
import { focusNext } from '../state';

export function printOnly(target: HTMLElement): void {
  document.body.classList.add('printing');
  target.classList.add('print-target');
  let finished = false;
  const done = () => {
    if (finished) return;
    finished = true;
    document.body.classList.remove('printing');
    target.classList.remove('print-target');
    window.removeEventListener('afterprint', done);
    focusNext('scan');
  };
  window.addEventListener('afterprint', done);
  window.print();
  // window.print blocks until the dialog closes in most browsers; afterprint covers the rest.
  setTimeout(done, 1000);
}
