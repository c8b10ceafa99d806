/** Errors with the protocol's shape, `{ error: { code, message } }`, thrown by routes and services. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Not found') => new HttpError(404, 'not_found', what);
export const invalid = (message: string) => new HttpError(422, 'invalid', message);
export const conflict = (code: string, message: string) => new HttpError(409, code, message);
export const unauthorized = (message = 'Sign in again') => new HttpError(401, 'unauthorized', message);
export const badRequest = (message: string) => new HttpError(400, 'invalid', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
