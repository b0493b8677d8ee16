namespace PaperBot.Core.Text;

/// <summary>
/// The Porter (1980) stemmer as SQLite FTS5's "porter" tokenizer runs it, so that sentence scoring and the index
/// agree on what counts as the same word. FTS5 stems the UTF-8 bytes of a token: tokens under 3 or over 64 bytes
/// pass through, "ies" and "sses" lose two letters only in longer tokens, and a non-ASCII letter counts as one
/// consonant per byte. A conformance test compares this with fts5vocab over the whole corpus.
/// </summary>
public static class PorterStemmer
{
    // Questions and abstracts reuse a bounded vocabulary; stemming each word once keeps relevance checks cheap.
    private const int MemoLimit = 200_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Memo = new(StringComparer.Ordinal);

    // FTS5_PORTER_MAX_TOKEN: longer tokens are indexed as they are.
    private const int MaxTokenBytes = 64;

    public static string Stem(string word)
    {
        if (word.Length <= 2 || word.Length > MaxTokenBytes)
        {
            // Characters never outnumber UTF-8 bytes, so only the in-between lengths need counting.
            if (word.Length > MaxTokenBytes || System.Text.Encoding.UTF8.GetByteCount(word) < 3)
            {
                return word;
            }
        }
        if (Memo.TryGetValue(word, out var known))
        {
            return known;
        }
        var stem = Compute(word);
        if (Memo.Count < MemoLimit)
        {
            Memo.TryAdd(word, stem);
        }
        return stem;
    }

    private static string Compute(string word)
    {
        if (System.Text.Ascii.IsValid(word))
        {
            return Run(word);
        }
        // As FTS5 does: the steps run on UTF-8 bytes. Each byte becomes one Latin-1 character (a byte of a
        // non-ASCII letter is never a vowel or a suffix letter), and the result turns back into UTF-8.
        var bytes = System.Text.Encoding.UTF8.GetBytes(word);
        if (bytes.Length > MaxTokenBytes)
        {
            return word;
        }
        var stemmed = Run(System.Text.Encoding.Latin1.GetString(bytes));
        return System.Text.Encoding.UTF8.GetString(System.Text.Encoding.Latin1.GetBytes(stemmed));
    }

    private static string Run(string word)
    {
        var w = new Word(word);
        w.Step1A();
        w.Step1B();
        w.Step1C();
        w.Step2();
        w.Step3();
        w.Step4();
        w.Step5();
        return w.ToString();
    }

    private sealed class Word(string s)
    {
        private string _s = s;

        public override string ToString() => _s;

        private bool IsConsonant(int i)
        {
            var c = _s[i];
            if (c is 'a' or 'e' or 'i' or 'o' or 'u')
            {
                return false;
            }
            if (c == 'y')
            {
                return i == 0 || !IsConsonant(i - 1);
            }
            return true;
        }

        // m(): the number of VC sequences in the stem s[0..length).
        private int Measure(int length)
        {
            var n = 0;
            var i = 0;
            while (i < length && IsConsonant(i)) i++;
            while (i < length)
            {
                while (i < length && !IsConsonant(i)) i++;
                if (i >= length) break;
                while (i < length && IsConsonant(i)) i++;
                n++;
            }
            return n;
        }

        private bool HasVowel(int length)
        {
            for (var i = 0; i < length; i++)
            {
                if (!IsConsonant(i)) return true;
            }
            return false;
        }

        private bool EndsDoubleConsonant(int length) =>
            length >= 2 && _s[length - 1] == _s[length - 2] && IsConsonant(length - 1);

        // cvc, where the last c is not w, x or y.
        private bool EndsCvc(int length) =>
            length >= 3 && IsConsonant(length - 1) && !IsConsonant(length - 2) && IsConsonant(length - 3) &&
            _s[length - 1] is not ('w' or 'x' or 'y');

        private bool Ends(string suffix) => _s.EndsWith(suffix, StringComparison.Ordinal);

        private bool ReplaceIfMeasure(string suffix, string replacement, int minMeasure)
        {
            if (!Ends(suffix)) return false;
            var stem = _s.Length - suffix.Length;
            if (Measure(stem) > minMeasure)
            {
                _s = _s[..stem] + replacement;
            }
            return true;
        }

        public void Step1A()
        {
            if (Ends("sses") && _s.Length > 4) _s = _s[..^2];
            else if (Ends("ies") && _s.Length > 3) _s = _s[..^2];
            else if (Ends("es")) _s = _s[..^1];
            else if (Ends("ss")) { }
            else if (Ends("s")) _s = _s[..^1];
        }

        public void Step1B()
        {
            if (Ends("eed"))
            {
                if (Measure(_s.Length - 3) > 0) _s = _s[..^1];
                return;
            }
            var removed = false;
            if (Ends("ed") && HasVowel(_s.Length - 2)) { _s = _s[..^2]; removed = true; }
            else if (Ends("ing") && HasVowel(_s.Length - 3)) { _s = _s[..^3]; removed = true; }
            if (!removed) return;
            if (Ends("at") || Ends("bl") || Ends("iz")) _s += "e";
            else if (EndsDoubleConsonant(_s.Length) && _s[^1] is not ('l' or 's' or 'z')) _s = _s[..^1];
            else if (Measure(_s.Length) == 1 && EndsCvc(_s.Length)) _s += "e";
        }

        public void Step1C()
        {
            if (Ends("y") && HasVowel(_s.Length - 1)) _s = _s[..^1] + "i";
        }

        private static readonly (string, string)[] Step2Rules =
        [
            ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
            ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
            ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
            ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
        ];

        public void Step2()
        {
            foreach (var (suffix, replacement) in Step2Rules)
            {
                if (ReplaceIfMeasure(suffix, replacement, 0)) return;
            }
        }

        private static readonly (string, string)[] Step3Rules =
        [
            ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
        ];

        public void Step3()
        {
            foreach (var (suffix, replacement) in Step3Rules)
            {
                if (ReplaceIfMeasure(suffix, replacement, 0)) return;
            }
        }

        private static readonly string[] Step4Suffixes =
        [
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
            "iti", "ous", "ive", "ize",
        ];

        public void Step4()
        {
            foreach (var suffix in Step4Suffixes)
            {
                if (!Ends(suffix)) continue;
                var stem = _s.Length - suffix.Length;
                if (suffix == "ion" && !(stem > 0 && _s[stem - 1] is 's' or 't')) return;
                if (Measure(stem) > 1) _s = _s[..stem];
                return;
            }
        }

        public void Step5()
        {
            if (Ends("e"))
            {
                var stem = _s.Length - 1;
                var m = Measure(stem);
                if (m > 1 || (m == 1 && !EndsCvc(stem))) _s = _s[..stem];
            }
            if (Ends("ll") && Measure(_s.Length) > 1) _s = _s[..^1];
        }
    }
}
