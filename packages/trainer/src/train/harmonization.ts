// Harmonization is a property of the data: read each dataset's `harmonized` attribute, record it,
// and warn where it disagrees with what the run asked for.
import { TaskName } from '@mtssl/core';
import { DataSource } from '../data/training-dataset';
import { HARMONIZABLE } from '@mtssl/contracts';

export function readHarmonized(
  datasets: ReadonlyMap<TaskName, DataSource>,
  wanted: boolean | undefined,
  warn: (line: string) => void,
): Partial<Record<TaskName, boolean | null>> {
  const out: Partial<Record<TaskName, boolean | null>> = {};
  for (const [task, dataset] of datasets) {
    const value = dataset.schema.attributes?.['harmonized'];
    out[task] = typeof value === 'boolean' ? value : null;
    // where the input cannot be harmonized (colorization's is L), the data cannot disagree with the run
    if (wanted !== undefined && typeof value === 'boolean' && value !== wanted && HARMONIZABLE[task]) {
      warn(`${task}: the dataset says harmonized=${value} but the run asked for harmonize=${wanted}; recording the dataset's value`);
    }
  }
  return out;
}
