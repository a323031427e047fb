/**
 * Just enough of XMLHttpRequest over Node's fetch for dicomweb-client, which is written for
 * browsers (Node 20 has no XMLHttpRequest). Test-only: no progress events, no abort.
 */
export class FetchXmlHttpRequest {
  readyState = 0;
  status = 0;
  responseType: '' | 'arraybuffer' | 'json' | 'text' = '';
  response: unknown = null;
  withCredentials = false;
  onreadystatechange: (() => void) | null = null;
  onloadstart: (() => void) | null = null;
  onloadend: (() => void) | null = null;
  onprogress: (() => void) | null = null;
  private method = 'GET';
  private url = '';
  private readonly requestHeaders: Record<string, string> = {};
  private responseHeaders = new Headers();

  open(method: string, url: string): void {
    this.method = method.toUpperCase();
    this.url = url;
    this.readyState = 1;
  }

  setRequestHeader(name: string, value: string): void {
    this.requestHeaders[name] = value;
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders.get(name);
  }

  getAllResponseHeaders(): string {
    return [...this.responseHeaders].map(([k, v]) => `${k}: ${v}\r\n`).join('');
  }

  send(body?: ArrayBuffer | string | null): void {
    void this.run(body ?? undefined);
  }

  private async run(body: ArrayBuffer | string | undefined): Promise<void> {
    const res = await fetch(this.url, { method: this.method, headers: this.requestHeaders, body });
    this.status = res.status;
    this.responseHeaders = res.headers;
    const bytes = await res.arrayBuffer();
    if (this.responseType === 'arraybuffer') this.response = bytes;
    else {
      const text = new TextDecoder().decode(bytes);
      this.response = this.responseType === 'json' ? (text ? JSON.parse(text) : null) : text;
    }
    this.readyState = 4;
    this.onreadystatechange?.();
  }
}
