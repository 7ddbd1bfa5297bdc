import { Inject, Injectable } from '@nestjs/common';
import { Client } from 'minio';
import { OBJECT_STORAGE } from '@motcua/object-storage';

export class ObjectTooLargeError extends Error {}

/** Reads a stored object into memory, refusing one larger than the limit before downloading it. */
@Injectable()
export class ObjectReader {
  constructor(@Inject(OBJECT_STORAGE) private readonly client: Client) {}

  async read(bucket: string, key: string, limit: number): Promise<Buffer> {
    const stat = await this.client.statObject(bucket, key);
    if (stat.size > limit)
      throw new ObjectTooLargeError(`object of ${stat.size} bytes, above the ${limit} accepted`);
    const stream = await this.client.getObject(bucket, key);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        stream.destroy();
        throw new ObjectTooLargeError(`object larger than the ${limit} accepted`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }
}
