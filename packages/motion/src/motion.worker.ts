// Worker module: one task = one chunk of one video (see chunk.ts).
import { configureWorker, moveOut } from '@mtssl/core';
import { runChunk, ChunkResult, ChunkTask } from './chunk';

configureWorker();

export async function handle(task: ChunkTask): Promise<ChunkResult> {
  return moveOut(await runChunk(task));
}
