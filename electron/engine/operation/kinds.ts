// Which step does the work of each kind of transfer. A new kind is a step and one line here.
import type { TransferRecord } from '../state/records.ts';
import { DownloadStep } from '../download/download-step.ts';
import { UploadStep } from '../upload/upload-step.ts';
import type { OperationStep, StepContext } from './step.ts';

export function stepFor(record: TransferRecord, context: StepContext): OperationStep {
  switch (record.kind) {
    case 'download':
      return new DownloadStep(record, context);
    case 'upload':
      return new UploadStep(record, context);
  }
}
