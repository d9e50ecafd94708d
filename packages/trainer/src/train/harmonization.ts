// Harmonization is a property of the data: read each dataset's `harmonized` attribute, record it,
// and warn where it disagrees with what the run asked for.
import { TaskName } from '@mtssl/core';
import { DataSource } from '../data/training-dataset';

export function readHarmonized(
  datasets: ReadonlyMap<TaskName, DataSource>,
  wanted: boolean | undefined,
  warn: (line: string) => void,
): Partial<Record<TaskName, boolean | null>> {
  const out: Partial<Record<TaskName, boolean | null>> = {};
  for (const [task, dataset] of datasets) {
    const value = dataset.schema.attributes?.['harmonized'];
    out[task] = typeof value === 'boolean' ? value : null;
    // colorization's input is L by construction, so only the other tasks can disagree
    if (wanted !== undefined && typeof value === 'boolean' && value !== wanted && task !== 'colorization') {
      warn(`${task}: the dataset says harmonized=${value} but the run asked for harmonize=${wanted}; recording the dataset's value`);
    }
  }
  return out;
}
