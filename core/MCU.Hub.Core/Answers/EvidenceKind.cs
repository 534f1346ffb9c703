namespace MCU.Hub.Answers;

/// <summary>What kind of proof of the work done a draft answer carries (automated control, KPI 6 of Resolution No. 1844).</summary>
public enum EvidenceKind
{
    /// <summary>A photo of the result (фотофиксация).</summary>
    Photo = 0,

    /// <summary>A video of the result (видеофиксация).</summary>
    Video = 1,

    /// <summary>A ГЛОНАСС track of the vehicle that did the work (уборка, вывоз ТКО, ремонт дороги).</summary>
    GlonassTrack = 2,
}
