/** Paths, fields and shapes shared by the Google Drive tools. */
import { z } from 'zod';
import { segment } from '../connector-kit/base-url.ts';

/** files resource. */
export const FILES = '/drive/v3/files';
/** files resource, media upload URI. */
export const UPLOAD_FILES = '/upload/drive/v3/files';
/** The file fields every tool asks for (Drive returns only id, name and mimeType otherwise). */
export const FILE_FIELDS =
  'id,name,mimeType,description,size,createdTime,modifiedTime,parents,trashed,webViewLink,owners(displayName,emailAddress)';
/** Native Google Workspace types; their content can only be exported. */
export const GOOGLE_APPS = 'application/vnd.google-apps.';

/** A Drive file id ("root" names My Drive). */
export const fileId = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'a Drive file id');
/** A MIME type such as text/plain or application/vnd.google-apps.document. */
export const mimeType = z.string().regex(/^[A-Za-z0-9.+-]+\/[A-Za-z0-9.+-]+$/, 'a MIME type');

/** A file resource, as projected by FILE_FIELDS. */
export const fileSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  mimeType: z.string(),
  description: z.string().optional(),
  size: z.string().optional(),
  createdTime: z.string().optional(),
  modifiedTime: z.string().optional(),
  parents: z.array(z.string()).optional(),
  trashed: z.boolean().optional(),
  webViewLink: z.string().optional(),
  owners: z.array(z.looseObject({ displayName: z.string().optional(), emailAddress: z.string().optional() })).optional(),
});

/** `/drive/v3/files/{id}` (or the upload URI) with the id encoded. */
export function filePath(id: string, upload = false): string {
  return `${upload ? UPLOAD_FILES : FILES}/${segment(id)}`;
}

/**
 * A multipart/related body (uploadType=multipart): JSON metadata, then the media.
 * The boundary is chosen so it occurs in neither part.
 */
export function multipartBody(metadata: Record<string, unknown>, media: { mimeType: string; data: string }): { data: string; contentType: string } {
  const json = JSON.stringify(metadata);
  let n = 0;
  while (json.includes(`hallpass-${n}`) || media.data.includes(`hallpass-${n}`)) n += 1;
  const boundary = `hallpass-${n}`;
  const data =
    `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${json}\r\n` +
    `--${boundary}\r\nContent-Type: ${media.mimeType}\r\n\r\n${media.data}\r\n--${boundary}--`;
  return { data, contentType: `multipart/related; boundary=${boundary}` };
}

/** The media part's type: the file's own type, or text for Google Workspace conversions. */
export function mediaType(target: string | undefined): string {
  return target === undefined || target.startsWith(GOOGLE_APPS) ? 'text/plain' : target;
}
