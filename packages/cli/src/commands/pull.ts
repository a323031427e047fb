import { getFromPeer, moveFromPeer, openSqliteFileStore, retrieveStudyOverDicomWeb, startDimseServer, type QrQuery } from '@voxa/server';
import { numberArg, parse, UsageError } from '../args.ts';
import { parseRemote } from './remotePeer.ts';

export const PULL_HELP = `voxa pull --from URL|AE@HOST:PORT --study UID [--series UID] [--via get|move] [--data DIR]
           [--ae-title VOXA] [--dimse-port N]
  Retrieve a study (or one series) from a remote archive into the archive at DIR (default
  .voxa-data), keeping every instance's bytes:
  - from a DICOMweb URL with WADO-RS (series by series);
  - from a DIMSE peer with C-GET (default), or with C-MOVE to this AE (--via move): a temporary
    C-STORE SCP listens as --ae-title on --dimse-port, which the peer must know.
  Prints how many instances were stored, already there, or failed.`;

/** `voxa pull`: remote study → local archive. Exit 1 when the remote fails or nothing arrives. */
export async function pull(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    from: { type: 'string' },
    study: { type: 'string' },
    series: { type: 'string' },
    via: { type: 'string', default: 'get' },
    data: { type: 'string', default: '.voxa-data' },
    'ae-title': { type: 'string', default: 'VOXA' },
    'dimse-port': { type: 'string' },
  });
  const remote = parseRemote(values.from);
  if (!values.study) throw new UsageError('--study UID is required');
  if (values.via !== 'get' && values.via !== 'move') throw new UsageError(`--via ${values.via}: expected get or move`);
  if (values.via === 'move' && values['dimse-port'] === undefined) throw new UsageError('--via move needs --dimse-port N: the port the peer sends to');
  if (remote.kind === 'dicomweb' && values.series) throw new UsageError('--series is for DIMSE peers; over DICOMweb the whole study is retrieved');

  const store = await openSqliteFileStore(values.data);
  try {
    if (remote.kind === 'dicomweb') {
      const s = await retrieveStudyOverDicomWeb(remote.remote, values.study, store);
      for (const r of s.rejected) console.error(`rejected: ${r.reason}`);
      console.log(`${s.stored} stored, ${s.duplicate} already there, ${s.rejected.length} rejected → ${values.data}`);
      return s.stored + s.duplicate > 0 ? 0 : 1;
    }
    const query: QrQuery = values.series
      ? { level: 'SERIES', keys: { StudyInstanceUID: values.study, SeriesInstanceUID: values.series } }
      : { level: 'STUDY', keys: { StudyInstanceUID: values.study } };
    const callingAeTitle = values['ae-title'];
    let outcome;
    if (values.via === 'get') {
      outcome = await getFromPeer(remote.peer, query, store, { callingAeTitle });
    } else {
      const scp = await startDimseServer({ store, port: numberArg('--dimse-port', values['dimse-port']!), aeTitle: callingAeTitle, host: '0.0.0.0', log: (l) => console.error(l) });
      try {
        outcome = await moveFromPeer(remote.peer, query, callingAeTitle, { callingAeTitle });
      } finally {
        await scp.close();
      }
    }
    console.log(`${outcome.completed} retrieved, ${outcome.warning} with warnings, ${outcome.failed} failed (status 0x${outcome.status.toString(16).padStart(4, '0')}) → ${values.data}`);
    return outcome.completed + outcome.warning > 0 ? 0 : 1;
  } finally {
    store.close();
  }
}
