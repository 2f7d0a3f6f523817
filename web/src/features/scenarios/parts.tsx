import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ageBandLabels, type AgeBand } from '../../../../shared/contract/domain.js';
import {
  scenarioDifficultyLabels,
  type ChildMood,
  type ScenarioDifficulty,
  type TurnQuality,
} from '../../../../shared/contract/scenarios.js';
import { Tag, type TagColor } from '../../ui/kit.js';

const moodColors: Record<ChildMood, string> = {
  angry: '#cf1322',
  sad: '#2f54eb',
  anxious: '#d46b08',
  calm: '#1f7a5c',
  defensive: '#ad4e00',
  relieved: '#389e0d',
  withdrawn: '#8c8c8c',
};

/** The simulated child's face: an emoji in a circle, ringed in the colour of the mood, with the mood's name. */
export function ChildAvatar({
  avatar,
  name,
  mood,
  moodLabel,
  size = 40,
  showMood = true,
}: {
  avatar: string;
  name: string;
  mood?: ChildMood;
  moodLabel?: string;
  size?: number;
  showMood?: boolean;
}) {
  const color = mood ? moodColors[mood] : '#c9d6cf';
  return (
    <span className="gy-sc-avatar-wrap">
      <span
        className="gy-sc-avatar"
        role="img"
        aria-label={moodLabel ? `${name}，现在${moodLabel}` : name}
        style={{ width: size, height: size, fontSize: size * 0.55, borderColor: color }}
      >
        {avatar}
      </span>
      {showMood && moodLabel ? (
        <span className="gy-sc-mood" style={{ color, borderColor: color }} aria-hidden>
          {moodLabel}
        </span>
      ) : null}
    </span>
  );
}

const difficultyColors: Record<ScenarioDifficulty, TagColor> = { easy: 'green', medium: 'blue', hard: 'orange' };

export function DifficultyTag({ difficulty }: { difficulty: ScenarioDifficulty }) {
  return <Tag color={difficultyColors[difficulty]}>{scenarioDifficultyLabels[difficulty]}</Tag>;
}

export function AgeBandTags({ bands }: { bands: AgeBand[] }) {
  return (
    <>
      {bands.map((band) => (
        <Tag key={band}>{ageBandLabels[band]}</Tag>
      ))}
    </>
  );
}

const qualityColors: Record<TurnQuality, TagColor> = { good: 'green', fair: 'orange', poor: 'red' };
export function QualityTag({ quality, children }: { quality: TurnQuality; children: ReactNode }) {
  return <Tag color={qualityColors[quality]}>{children}</Tag>;
}

export interface BarRow {
  key: string;
  label: ReactNode;
  score: number;
  /** Shown instead of the number, e.g. 本次没有用到. */
  note?: string;
  change?: number | null;
  tone?: 'skill' | 'penalty';
}

/** Scores 0–100 as horizontal bars: plain CSS, readable as a list by screen readers. */
export function ScoreBars({ rows, label }: { rows: BarRow[]; label: string }) {
  return (
    <ul className="gy-sc-bars" aria-label={label}>
      {rows.map((row) => (
        <li key={row.key} className="gy-sc-bar-row">
          <span className="gy-sc-bar-label">{row.label}</span>
          <span className="gy-sc-bar-track" aria-hidden>
            <span
              className={row.tone === 'penalty' ? 'gy-sc-bar-fill gy-sc-bar-penalty' : 'gy-sc-bar-fill'}
              style={{ width: `${Math.max(0, Math.min(100, row.score))}%` }}
            />
          </span>
          <span className="gy-sc-bar-value">
            {row.note ? <span className="gy-muted gy-small">{row.note}</span> : <>{row.score} 分</>}
            {row.change !== undefined && row.change !== null && row.change !== 0 ? (
              <span className={row.change > 0 === (row.tone !== 'penalty') ? 'gy-sc-up' : 'gy-sc-down'}>
                {row.change > 0 ? `↑${row.change}` : `↓${-row.change}`}
                <span className="gy-visually-hidden">
                  （比上次{row.change > 0 ? '高' : '低'} {Math.abs(row.change)} 分）
                </span>
              </span>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

export interface ChartPoint {
  label: string;
  value: number;
  title?: string;
}

/**
 * Totals over time as a small hand-written SVG line chart (0–100), with the same numbers in a hidden
 * table for screen readers. No chart library: the guardian pages stay inside the bundle budget.
 */
export function LineChart({
  points,
  caption,
  height = 200,
  compact = false,
}: {
  points: ChartPoint[];
  caption: string;
  height?: number;
  compact?: boolean;
}) {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  // Drawn at the real pixel width, so the labels keep their size on a phone.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(200, Math.round(el.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  if (width === null) {
    // Measure first: an SVG drawn at a guessed width would widen its container on a phone.
    return <figure className="gy-sc-chart" ref={ref} style={{ height }} />;
  }
  const pad = compact ? { top: 10, right: 12, bottom: 10, left: 12 } : { top: 16, right: 20, bottom: 30, left: 34 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (points.length <= 1 ? innerW / 2 : (i * innerW) / (points.length - 1));
  const y = (v: number) => pad.top + innerH - (Math.max(0, Math.min(100, v)) / 100) * innerH;
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const area =
    points.length > 1 ? `${path} L${x(points.length - 1).toFixed(1)},${y(0)} L${x(0).toFixed(1)},${y(0)} Z` : '';
  const first = points[0];
  const last = points.at(-1);
  const summary =
    first && last
      ? points.length === 1
        ? `${caption}：1 次练习，${first.value} 分`
        : `${caption}：共 ${points.length} 次，从 ${first.value} 分到 ${last.value} 分，最高 ${Math.max(...points.map((p) => p.value))} 分`
      : `${caption}：暂无数据`;
  const labelEvery = Math.max(1, Math.ceil(points.length / Math.max(2, Math.floor(width / 90))));
  return (
    <figure className="gy-sc-chart" ref={ref}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        {compact
          ? null
          : [0, 25, 50, 75, 100].map((v) => (
              <g key={v}>
                <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} className="gy-sc-grid" />
                <text x={pad.left - 6} y={y(v) + 4} textAnchor="end" className="gy-sc-axis">
                  {v}
                </text>
              </g>
            ))}
        {area ? <path d={area} className="gy-sc-area" /> : null}
        {points.length > 1 ? <path d={path} className="gy-sc-line" /> : null}
        {points.map((p, i) => (
          <g key={i}>
            <circle cx={x(i)} cy={y(p.value)} r={compact ? 3.5 : 5} className="gy-sc-dot">
              <title>{p.title ?? `${p.label}：${p.value} 分`}</title>
            </circle>
            {!compact && (i % labelEvery === 0 || i === points.length - 1) ? (
              <text x={x(i)} y={height - 8} textAnchor="middle" className="gy-sc-axis">
                {p.label}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <div className="gy-visually-hidden">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">练习</th>
              <th scope="col">总分</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={i}>
                <td>{p.title ?? p.label}</td>
                <td>{p.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
