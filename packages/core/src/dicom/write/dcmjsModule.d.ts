// dcmjs ships no TypeScript types. A shorthand ambient declaration (it merges with any fuller one
// another module may add); writePart10.ts narrows the little it uses to typed interfaces.
declare module 'dcmjs';
