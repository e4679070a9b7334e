import { createHash } from 'node:crypto';

// FIT-Connect's metadata document: what a submission consists of, so the office can check that nothing was swapped
// or lost: the data (its schema and SHA-512) and each attachment (id, name, type, SHA-512 of the plaintext). It is
// encrypted for the destination like the data; the hashes are of the plaintext bytes, hex.

export const metadataSchemaUri = 'https://schema.fitko.de/fit-connect/metadata/1.0.0/metadata.schema.json';
/** Our data is the platform's own application document, not a FIM schema; this names its format. */
export const dataSchemaUri = 'urn:de:buergerservice:schema:application-document:1';

export interface MetadataAttachment {
  id: string;
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

const sha512 = (bytes: Uint8Array | string) => ({
  type: 'sha512',
  content: createHash('sha512').update(bytes).digest('hex'),
});

/** The metadata document of a submission whose data is exactly `data` (the JSON text that is encrypted). */
export function metadataOf(m: {
  data: string;
  leikaKey: string;
  serviceName: string;
  attachments: MetadataAttachment[];
}) {
  return {
    $schema: metadataSchemaUri,
    contentStructure: {
      data: { submissionSchema: { schemaUri: dataSchemaUri, mimeType: 'application/json' }, hash: sha512(m.data) },
      attachments: m.attachments.map((a) => ({
        attachmentId: a.id,
        purpose: 'attachment',
        filename: a.name,
        mimeType: a.contentType,
        hash: sha512(a.bytes),
      })),
    },
    publicServiceType: { name: m.serviceName, identifier: `urn:de:fim:leika:leistung:${m.leikaKey}` },
  };
}
export type Metadata = ReturnType<typeof metadataOf>;
